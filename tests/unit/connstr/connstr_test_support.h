// Helpers shared by the connstr unit tests: a notice sink that records
// warnings, and a parse-then-convert shortcut.
#ifndef PGO_TESTS_UNIT_CONNSTR_SUPPORT_H
#define PGO_TESTS_UNIT_CONNSTR_SUPPORT_H

#include <string>
#include <vector>

extern "C" {
#include "connstr/connstr.h"
}

struct RecordedNotice {
    std::string sqlstate;
    std::string message;
};

class NoticeRecorder {
public:
    NoticeRecorder() { sink_.emit = &NoticeRecorder::Emit; sink_.context = this; }
    const struct notice_sink *sink() const { return &sink_; }
    const std::vector<RecordedNotice> &notices() const { return notices_; }

private:
    static void Emit(void *context, const struct error *notice)
    {
        static_cast<NoticeRecorder *>(context)->notices_.push_back(
            {notice->sqlstate, notice->message});
    }
    struct notice_sink sink_;
    std::vector<RecordedNotice> notices_;
};

// Owns a struct connstr_settings for one test.
class Settings {
public:
    Settings() { connstr_settings_init(&settings_); }
    ~Settings() { connstr_settings_reset(&settings_); }
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;
    struct connstr_settings *get() { return &settings_; }
    const char *value(const char *keyword) const
    {
        return connstr_settings_get(&settings_, keyword);
    }

private:
    struct connstr_settings settings_;
};

// Owns a struct connect_params for one test.
class Params {
public:
    Params() { init_result_ = params_init(&params_); }
    ~Params() { params_reset(&params_); }
    Params(const Params &) = delete;
    Params &operator=(const Params &) = delete;
    struct connect_params *get() { return &params_; }
    struct connect_params *operator->() { return &params_; }
    int init_result() const { return init_result_; }

private:
    struct connect_params params_;
    int init_result_;
};

inline int ParseText(const std::string &text, Settings &settings, NoticeRecorder &recorder,
                     struct error *error)
{
    error_init(error);
    return connstr_parse_string(text.data(), text.size(), settings.get(), recorder.sink(),
                                error);
}

// Parses text and converts it; returns the result of the step that failed.
inline int ParseAndConvert(const std::string &text, Params &params, struct error *error)
{
    Settings settings;
    NoticeRecorder recorder;
    if (ParseText(text, settings, recorder, error) != 0) {
        return -1;
    }
    return connstr_settings_to_params(settings.get(), params.get(), error);
}

#endif
