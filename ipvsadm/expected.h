// SPDX-License-Identifier: GPL-2.0
// A value or the std::error_code saying why there is none (C++20 has no
// std::expected yet).
#pragma once

#include <system_error>
#include <utility>
#include <variant>

namespace ipvsadm {

template <class T>
class [[nodiscard]] Expected {
public:
	Expected(T v) : v_(std::move(v)) {}
	Expected(std::error_code ec) : v_(ec) {}

	bool ok() const { return std::holds_alternative<T>(v_); }
	explicit operator bool() const { return ok(); }
	T &value() { return std::get<T>(v_); }
	const T &value() const { return std::get<T>(v_); }
	T &operator*() { return value(); }
	T *operator->() { return &value(); }
	std::error_code error() const
	{
		return ok() ? std::error_code() : std::get<std::error_code>(v_);
	}

private:
	std::variant<T, std::error_code> v_;
};

inline std::error_code errno_code(int e)
{
	return {e, std::system_category()};
}

} // namespace ipvsadm
