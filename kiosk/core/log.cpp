#include "core/log.hpp"

#include <cstdio>

namespace qiao::core {

const char* to_string(LogLevel level) {
    switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    }
    return "?";
}

Log::Log()
    : sink_([](LogLevel level, std::string_view message) {
          std::fprintf(stderr, "qiao: [%s] %.*s\n", to_string(level), static_cast<int>(message.size()),
                       message.data());
      }) {}

Log::Log(Sink sink) : sink_(std::move(sink)) {}

void Log::write(LogLevel level, std::string_view message) {
    if (level < min_level_) return;
    std::lock_guard lock(mutex_);
    if (keep_lines_) lines_.push_back(std::string(to_string(level)) + ": " + std::string(message));
    if (sink_) sink_(level, message);
}

std::vector<std::string> Log::lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
}

}  // namespace qiao::core
