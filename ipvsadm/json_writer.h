// SPDX-License-Identifier: GPL-2.0
// A minimal JSON text builder for --json: objects, arrays, strings and
// unsigned numbers are all the listings need. Commas and string escaping
// are the writer's business, so the formatters only say what goes where.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipvsadm {

class JsonWriter {
public:
	JsonWriter &begin_object() { return open('{'); }
	JsonWriter &end_object() { return close('}'); }
	JsonWriter &begin_array() { return open('['); }
	JsonWriter &end_array() { return close(']'); }

	// The name of the next member of the current object.
	JsonWriter &key(std::string_view k)
	{
		separate();
		quote(k);
		out_ += ':';
		after_key_ = true;
		return *this;
	}

	JsonWriter &value(std::string_view s)
	{
		separate();
		quote(s);
		return *this;
	}
	JsonWriter &value(const char *s) { return value(std::string_view(s)); }
	JsonWriter &value(uint64_t n)
	{
		separate();
		out_ += std::to_string(n);
		return *this;
	}
	// Any other integer (ports, weights, counters) as an unsigned number.
	template <std::integral T>
		requires(!std::same_as<T, bool> && !std::same_as<T, uint64_t>)
	JsonWriter &value(T n)
	{
		return value(static_cast<uint64_t>(n));
	}
	JsonWriter &value(bool b)
	{
		separate();
		out_ += b ? "true" : "false";
		return *this;
	}

	// Shorthands for "key": value.
	template <typename T> JsonWriter &member(std::string_view k, T v)
	{
		return key(k).value(v);
	}

	// The document, one line with its newline.
	std::string finish() { return out_ + "\n"; }

private:
	JsonWriter &open(char c)
	{
		separate();
		out_ += c;
		first_.push_back(true);
		return *this;
	}

	JsonWriter &close(char c)
	{
		out_ += c;
		if (!first_.empty())
			first_.pop_back();
		return *this;
	}

	// A comma before every element but the first of its container; none
	// between a key and its value.
	void separate()
	{
		if (after_key_) {
			after_key_ = false;
			return;
		}
		if (first_.empty())
			return;
		if (!first_.back())
			out_ += ',';
		first_.back() = false;
	}

	void quote(std::string_view s)
	{
		static const char hex[] = "0123456789abcdef";
		out_ += '"';
		for (const char ch : s) {
			const auto u = static_cast<unsigned char>(ch);
			switch (ch) {
			case '"': out_ += "\\\""; break;
			case '\\': out_ += "\\\\"; break;
			case '\n': out_ += "\\n"; break;
			case '\t': out_ += "\\t"; break;
			case '\r': out_ += "\\r"; break;
			default:
				if (u < 0x20) {
					out_ += "\\u00";
					out_ += hex[u >> 4];
					out_ += hex[u & 15];
				} else {
					out_ += ch;
				}
			}
		}
		out_ += '"';
	}

	std::string out_;
	std::vector<bool> first_;
	bool after_key_ = false;
};

} // namespace ipvsadm
