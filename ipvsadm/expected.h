// SPDX-License-Identifier: GPL-2.0
// The one way a failure travels in ipvsadm: as the error half of an Expected
// (C++20 has no std::expected yet). Nothing throws. Below the runner the
// error is the errno the kernel or the socket gave (its wording depends on
// the operation, which only the runner knows); from the runner up it is a
// Failure, which main prints and turns into the exit code.
#pragma once

#include <system_error>
#include <utility>
#include <variant>

namespace ipvsadm {

template <class T, class E = std::error_code>
class [[nodiscard]] Expected {
public:
	Expected(T v) : v_(std::in_place_index<0>, std::move(v)) {}
	Expected(E e) : v_(std::in_place_index<1>, std::move(e)) {}

	bool ok() const { return v_.index() == 0; }
	explicit operator bool() const { return ok(); }
	T &value() { return std::get<0>(v_); }
	const T &value() const { return std::get<0>(v_); }
	T &operator*() { return value(); }
	const T &operator*() const { return value(); }
	T *operator->() { return &value(); }
	const T *operator->() const { return &value(); }
	const E &error() const { return std::get<1>(v_); }

private:
	std::variant<T, E> v_;
};

// The value of an Expected that only says "done".
struct Done {};

inline std::error_code errno_code(int e)
{
	return {e, std::system_category()};
}

} // namespace ipvsadm
