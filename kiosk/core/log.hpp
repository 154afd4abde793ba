#pragma once
// Log: where the kiosk writes what staff need to know (the detail behind a kind
// message on screen). Passed by reference, never a global.
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::core {

enum class LogLevel { Debug, Info, Warning, Error };

class Log {
public:
    using Sink = std::function<void(LogLevel, std::string_view)>;

    // A log that writes "qiao: [level] message" lines to stderr.
    Log();
    explicit Log(Sink sink);

    void debug(std::string_view message) { write(LogLevel::Debug, message); }
    void info(std::string_view message) { write(LogLevel::Info, message); }
    void warning(std::string_view message) { write(LogLevel::Warning, message); }
    void error(std::string_view message) { write(LogLevel::Error, message); }
    void write(LogLevel level, std::string_view message);

    void set_min_level(LogLevel level) { min_level_ = level; }

    // Keeps every line in memory too, so tests can assert what was logged.
    void keep_lines(bool keep) { keep_lines_ = keep; }
    std::vector<std::string> lines() const;

private:
    Sink sink_;
    LogLevel min_level_ = LogLevel::Info;
    bool keep_lines_ = false;
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

const char* to_string(LogLevel level);

}  // namespace qiao::core
