// The asynchronous-call dispatcher (odbc/async_call.c) on its own: no
// handle, no server, no driver manager. A probe entry point of the tests'
// making offers itself to the dispatcher the way the driver's entry points
// do (ODBC_ASYNC_OFFER, then the body), records where and with what it ran,
// and blocks on a latch the test opens, so the test decides when the
// background call finishes. Nothing here depends on timing: every wait is on
// a latch or a state, bounded by a generous timeout only so that a broken
// dispatcher fails the test instead of hanging it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sql.h>
#include <sqlext.h>
#include <stdatomic.h>

// async_call.h is C11: its struct holds atomic_bool, which <stdatomic.h>
// gives C++ only from C++23 on, where it is std::atomic<bool>. Before that
// the tests name it so themselves; it has the size and alignment of C's
// _Atomic _Bool (checked below), and the tests only take the struct's size
// and hand it to the C functions by pointer, never touching its fields.
#if __cplusplus <= 202002L
using atomic_bool = std::atomic<bool>;
#endif
extern "C" {
#include "odbc/async_call.h"
}
static_assert(sizeof(atomic_bool) == 1 && alignof(atomic_bool) == 1,
              "atomic_bool must lay out as C's _Atomic _Bool");

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Only so that a broken dispatcher fails instead of hanging.
constexpr seconds kGenerousTimeout{20};

constexpr SQLSMALLINT kProbeFunction = SQL_API_SQLEXECDIRECT;
constexpr SQLSMALLINT kOtherFunction = SQL_API_SQLPREPARE;
constexpr SQLRETURN kUntouched = -12345;

// Opens once; every wait after that returns at once.
class Latch {
public:
    void Open()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        is_open_ = true;
        opened_.notify_all();
    }
    bool Wait()
    {
        std::unique_lock<std::mutex> lock(mutex_);
        return opened_.wait_for(lock, kGenerousTimeout, [this] { return is_open_; });
    }
    bool IsOpen()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return is_open_;
    }

private:
    std::mutex mutex_;
    std::condition_variable opened_;
    bool is_open_ = false;
};

// Everything the background thread touches, so a test can keep it alive
// past its own end if the dispatcher leaves a thread behind.
struct Probe {
    odbc_async_call *call = nullptr;
    SQLRETURN result = SQL_NEED_DATA; // what the body returns
    bool hold_entry_before_reentry = false;
    bool dispatch_again_in_body = false;

    Latch entry_started;  // only with hold_entry_before_reentry
    Latch release_entry;  // only with hold_entry_before_reentry
    Latch body_entered;
    Latch release_body;

    std::atomic<int> entry_calls{0};
    std::atomic<int> never_entry_calls{0};

    std::mutex mutex; // guards the fields below
    int body_runs = 0;
    bool is_body_finished = false;
    pthread_t body_thread{};
    std::vector<uintptr_t> body_args;
    pthread_t entry_thread{};
    std::vector<SQLRETURN> entry_results;
    bool nested_dispatch_declined = false;
    SQLRETURN nested_result = kUntouched;
    std::vector<uintptr_t> recorded_args; // record_all_args
    int hook_calls = 0;
    SQLRETURN hook_result = kUntouched;
    bool hook_saw_cancel = false;
    bool hook_saw_running = false;
    pthread_t hook_thread{};
};

Probe *ProbeOf(uintptr_t arg)
{
    return reinterpret_cast<Probe *>(arg);
}

uintptr_t ArgOf(Probe *probe)
{
    return reinterpret_cast<uintptr_t>(probe);
}

bool ProbeDispatch(Probe *probe, SQLSMALLINT function_id, const char *function_name,
                   odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                   SQLRETURN *result)
{
    return odbc_async_dispatch_call(probe->call, function_id, function_name, entry, args,
                                    arg_count, result);
}

SQLRETURN NeverEntry(const uintptr_t *args)
{
    ProbeOf(args[0])->never_entry_calls++;
    return SQL_SUCCESS;
}

SQLRETURN ProbeFunctionEntry(const uintptr_t *args);

// The probe entry point, shaped as the driver's are: offer, then the body.
SQLRETURN ProbeFunction(Probe *probe, uintptr_t first, uintptr_t second)
{
    ODBC_ASYNC_OFFER(ProbeDispatch, probe, kProbeFunction, ProbeFunctionEntry, ArgOf(probe),
                     first, second);
    {
        std::lock_guard<std::mutex> lock(probe->mutex);
        probe->body_runs++;
        probe->body_thread = pthread_self();
        probe->body_args = {first, second};
    }
    if (probe->dispatch_again_in_body) {
        const uintptr_t args[] = {ArgOf(probe)};
        SQLRETURN nested = kUntouched;
        bool is_handled = odbc_async_dispatch_call(probe->call, kProbeFunction, "nested",
                                                   NeverEntry, args, 1, &nested);
        // A function the entry point calls that offers itself too.
        SQLRETURN nested_other = kUntouched;
        bool is_other_handled = odbc_async_dispatch_call(
            probe->call, kOtherFunction, "nested other", NeverEntry, args, 1, &nested_other);
        std::lock_guard<std::mutex> lock(probe->mutex);
        probe->nested_dispatch_declined = !is_handled && !is_other_handled;
        probe->nested_result = nested == kUntouched ? nested_other : nested;
    }
    probe->body_entered.Open();
    if (!probe->release_body.Wait())
        return SQL_INVALID_HANDLE; // the test has failed already
    std::lock_guard<std::mutex> lock(probe->mutex);
    probe->is_body_finished = true;
    return probe->result;
}

// What the dispatcher's thread calls: the probe entry point again.
SQLRETURN ProbeFunctionEntry(const uintptr_t *args)
{
    Probe *probe = ProbeOf(args[0]);
    probe->entry_calls++;
    {
        std::lock_guard<std::mutex> lock(probe->mutex);
        probe->entry_thread = pthread_self();
    }
    if (probe->hold_entry_before_reentry) {
        probe->entry_started.Open();
        if (!probe->release_entry.Wait())
            return SQL_INVALID_HANDLE;
    }
    SQLRETURN result = ProbeFunction(probe, args[1], args[2]);
    std::lock_guard<std::mutex> lock(probe->mutex);
    probe->entry_results.push_back(result);
    return result;
}

// Waits for the test's word, then copies every saved argument.
SQLRETURN RecordAllArgs(const uintptr_t *args)
{
    Probe *probe = ProbeOf(args[0]);
    probe->entry_calls++;
    if (!probe->release_body.Wait())
        return SQL_INVALID_HANDLE;
    std::lock_guard<std::mutex> lock(probe->mutex);
    probe->recorded_args.assign(args, args + ODBC_ASYNC_MAX_ARGS);
    return probe->result;
}

void RecordAfterRun(void *context, SQLRETURN result, bool is_cancel_requested)
{
    Probe *probe = static_cast<Probe *>(context);
    bool is_running = odbc_async_is_running(probe->call);
    std::lock_guard<std::mutex> lock(probe->mutex);
    probe->hook_calls++;
    probe->hook_result = result;
    probe->hook_saw_cancel = is_cancel_requested;
    probe->hook_saw_running = is_running;
    probe->hook_thread = pthread_self();
}

// Until the background thread has finished (without collecting it).
bool WaitUntilFinished(odbc_async_call *call)
{
    auto deadline = std::chrono::steady_clock::now() + kGenerousTimeout;
    while (odbc_async_is_running(call)) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(milliseconds(1));
    }
    return true;
}

class AsyncCall : public ::testing::Test {
protected:
    void SetUp() override
    {
        call_ = std::make_unique<odbc_async_call>();
        probe_ = std::make_unique<Probe>();
        probe_->call = call_.get();
        ASSERT_EQ(0, odbc_async_init(call_.get(), RecordAfterRun, probe_.get()));
        is_initialized_ = true;
    }
    void TearDown() override
    {
        if (!is_initialized_)
            return;
        probe_->release_entry.Open();
        probe_->release_body.Open();
        odbc_async_reset(call_.get());
    }

    // The application's first call, asynchronous execution on.
    void StartProbeCall()
    {
        odbc_async_set_enabled(call_.get(), true);
        ASSERT_EQ(SQL_STILL_EXECUTING, ProbeFunction(probe_.get(), 11, 22));
        ASSERT_TRUE(probe_->body_entered.Wait()) << "the body never ran";
    }
    // Lets the body return and waits until the thread has finished.
    void FinishProbeCall()
    {
        probe_->release_body.Open();
        ASSERT_TRUE(WaitUntilFinished(call_.get())) << "the background call never finished";
    }
    // The dispatch an application's poll of `function_id` makes.
    bool Poll(SQLSMALLINT function_id, SQLRETURN *result, odbc_async_entry entry = NeverEntry)
    {
        const uintptr_t args[] = {ArgOf(probe_.get()), 0, 0};
        *result = kUntouched;
        return odbc_async_dispatch_call(call_.get(), function_id, "poll", entry, args, 3, result);
    }
    // Reset happens in the test itself: TearDown must not repeat it.
    void ForgetCall() { is_initialized_ = false; }

    std::unique_ptr<odbc_async_call> call_;
    std::unique_ptr<Probe> probe_;
    bool is_initialized_ = false;
};

TEST_F(AsyncCall, DispatchDeclinesWhenOffAndIdleAndTheEntryIsNotCalled)
{
    SQLRETURN result = kUntouched;
    EXPECT_FALSE(odbc_async_is_enabled(call_.get()));
    EXPECT_FALSE(Poll(kProbeFunction, &result, ProbeFunctionEntry));
    EXPECT_EQ(kUntouched, result);
    EXPECT_EQ(0, probe_->entry_calls.load());
    EXPECT_FALSE(odbc_async_is_running(call_.get()));
}

TEST_F(AsyncCall, WhenOffTheEntryPointRunsSynchronouslyOnTheCallersThread)
{
    probe_->release_body.Open();
    EXPECT_EQ(SQL_NEED_DATA, ProbeFunction(probe_.get(), 11, 22));
    EXPECT_EQ(0, probe_->entry_calls.load());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->body_runs);
    EXPECT_TRUE(pthread_equal(probe_->body_thread, pthread_self()));
    EXPECT_EQ(0, probe_->hook_calls);
}

TEST_F(AsyncCall, FirstDispatchAnswersStillExecutingAndRunsTheEntryOnAnotherThread)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_TRUE(odbc_async_is_running(call_.get()));
    EXPECT_EQ(1, probe_->entry_calls.load());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->body_runs);
    EXPECT_FALSE(pthread_equal(probe_->body_thread, pthread_self()));
    EXPECT_EQ((std::vector<uintptr_t>{11, 22}), probe_->body_args);
}

TEST_F(AsyncCall, TheMaximumArgumentCountArrivesIntactAfterTheCallerReusesItsArray)
{
    odbc_async_set_enabled(call_.get(), true);
    uintptr_t args[ODBC_ASYNC_MAX_ARGS];
    std::vector<uintptr_t> expected;
    args[0] = ArgOf(probe_.get());
    for (size_t i = 1; i < ODBC_ASYNC_MAX_ARGS; i++)
        args[i] = UINTPTR_MAX - i * 0x0101010101u;
    expected.assign(args, args + ODBC_ASYNC_MAX_ARGS);
    SQLRETURN result = kUntouched;
    ASSERT_TRUE(odbc_async_dispatch_call(call_.get(), kProbeFunction, "max", RecordAllArgs, args,
                                         ODBC_ASYNC_MAX_ARGS, &result));
    EXPECT_EQ(SQL_STILL_EXECUTING, result);
    for (uintptr_t &arg : args)
        arg = 0; // the caller's array is gone once its call returns
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    ASSERT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_NEED_DATA, result);
    EXPECT_EQ(1, probe_->entry_calls.load());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(expected, probe_->recorded_args);
}

TEST_F(AsyncCall, MoreArgumentsThanTheMaximumAreDeclinedSoTheCallRunsSynchronously)
{
    odbc_async_set_enabled(call_.get(), true);
    uintptr_t args[ODBC_ASYNC_MAX_ARGS + 1] = {ArgOf(probe_.get())};
    SQLRETURN result = kUntouched;
    EXPECT_FALSE(odbc_async_dispatch_call(call_.get(), kProbeFunction, "too many", RecordAllArgs,
                                          args, ODBC_ASYNC_MAX_ARGS + 1, &result));
    EXPECT_EQ(kUntouched, result);
    EXPECT_EQ(0, probe_->entry_calls.load());
    EXPECT_FALSE(odbc_async_is_running(call_.get()));
    // Nothing was left half-started: the next call goes to the background.
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_EQ(1, probe_->entry_calls.load());
}

TEST_F(AsyncCall, PollingTheRunningFunctionAnswersStillExecuting)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    for (int poll = 0; poll < 3; poll++) {
        SQLRETURN result = kUntouched;
        EXPECT_TRUE(Poll(kProbeFunction, &result));
        EXPECT_EQ(SQL_STILL_EXECUTING, result);
        // The application's own entry point polls the same way.
        EXPECT_EQ(SQL_STILL_EXECUTING, ProbeFunction(probe_.get(), 99, 99));
    }
    EXPECT_TRUE(odbc_async_is_running(call_.get()));
    EXPECT_EQ(1, probe_->entry_calls.load());
    EXPECT_EQ(0, probe_->never_entry_calls.load());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->body_runs);
    EXPECT_EQ((std::vector<uintptr_t>{11, 22}), probe_->body_args) << "poll arguments are ignored";
}

TEST_F(AsyncCall, AnotherFunctionWhileOneRunsAnswersErrorAndLeavesTheRunningCallAlone)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kOtherFunction, &result));
    EXPECT_EQ(SQL_ERROR, result);
    EXPECT_TRUE(odbc_async_is_running(call_.get()));
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_STILL_EXECUTING, result);

    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    // Finished but not collected: another function still may not take it.
    EXPECT_TRUE(Poll(kOtherFunction, &result));
    EXPECT_EQ(SQL_ERROR, result);
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_NEED_DATA, result);
    EXPECT_EQ(0, probe_->never_entry_calls.load());
    EXPECT_EQ(1, probe_->entry_calls.load());
}

TEST_F(AsyncCall, AFinishedCallReportsItsReturnCodeExactlyOnceThenTheStateIsIdle)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    EXPECT_FALSE(odbc_async_is_running(call_.get()));
    EXPECT_EQ(SQL_NEED_DATA, ProbeFunction(probe_.get(), 0, 0));

    // The next call of the same function is a new call, not the old result.
    probe_->result = SQL_NO_DATA;
    EXPECT_EQ(SQL_STILL_EXECUTING, ProbeFunction(probe_.get(), 33, 44));
    ASSERT_TRUE(WaitUntilFinished(call_.get()));
    EXPECT_EQ(2, probe_->entry_calls.load());
    EXPECT_EQ(SQL_NO_DATA, ProbeFunction(probe_.get(), 0, 0));
    {
        std::lock_guard<std::mutex> lock(probe_->mutex);
        EXPECT_EQ(2, probe_->body_runs);
        EXPECT_EQ((std::vector<uintptr_t>{33, 44}), probe_->body_args);
    }

    // Idle and off: calls run synchronously again.
    odbc_async_set_enabled(call_.get(), false);
    SQLRETURN result = kUntouched;
    EXPECT_FALSE(Poll(kProbeFunction, &result));
    EXPECT_EQ(kUntouched, result);
}

// SQLCompleteAsync's polling mode: the answer without calling the function.
TEST_F(AsyncCall, CompleteAnswersStillExecutingThenTheResultOnceThenNoData)
{
    SQLRETURN async_result = kUntouched;
    EXPECT_EQ(SQL_ERROR, odbc_async_complete(call_.get(), &async_result))
        << "asynchronous processing was never turned on";
    odbc_async_set_enabled(call_.get(), true);
    EXPECT_EQ(SQL_NO_DATA, odbc_async_complete(call_.get(), &async_result))
        << "nothing in progress";
    EXPECT_EQ(kUntouched, async_result);
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_EQ(SQL_SUCCESS, odbc_async_complete(call_.get(), &async_result));
    EXPECT_EQ(SQL_STILL_EXECUTING, async_result);
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    EXPECT_EQ(SQL_SUCCESS, odbc_async_complete(call_.get(), &async_result));
    EXPECT_EQ(SQL_NEED_DATA, async_result) << "the entry's own return code";
    EXPECT_FALSE(odbc_async_is_running(call_.get()));
    async_result = kUntouched;
    EXPECT_EQ(SQL_NO_DATA, odbc_async_complete(call_.get(), &async_result))
        << "collected once: the result is not given twice";
    EXPECT_EQ(kUntouched, async_result);
    odbc_async_set_enabled(call_.get(), false);
    EXPECT_EQ(SQL_ERROR, odbc_async_complete(call_.get(), &async_result))
        << "asynchronous processing is off";
}

TEST_F(AsyncCall, TheBackgroundThreadsOwnReentryIsDeclinedSoItRunsSynchronously)
{
    probe_->dispatch_again_in_body = true;
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    {
        std::lock_guard<std::mutex> lock(probe_->mutex);
        // The entry's own offer was declined: the body ran in the entry's
        // thread, once, and no second thread was started. Offers the body
        // makes, of its function or another, are declined too.
        EXPECT_EQ(1, probe_->body_runs);
        EXPECT_TRUE(pthread_equal(probe_->body_thread, probe_->entry_thread));
        EXPECT_TRUE(probe_->nested_dispatch_declined);
        EXPECT_EQ(kUntouched, probe_->nested_result);
    }
    EXPECT_EQ(0, probe_->never_entry_calls.load());
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_NEED_DATA, result);
    EXPECT_EQ(1, probe_->entry_calls.load());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ((std::vector<SQLRETURN>{SQL_NEED_DATA}), probe_->entry_results)
        << "the entry got the body's code, not a dispatch answer";
}

TEST_F(AsyncCall, AfterRunRunsInTheBackgroundThreadWithTheResultBeforeTheCallCountsAsFinished)
{
    probe_->result = SQL_SUCCESS_WITH_INFO;
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    {
        std::lock_guard<std::mutex> lock(probe_->mutex);
        EXPECT_EQ(0, probe_->hook_calls) << "the hook ran before the entry returned";
    }
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    {
        std::lock_guard<std::mutex> lock(probe_->mutex);
        EXPECT_EQ(1, probe_->hook_calls);
        EXPECT_EQ(SQL_SUCCESS_WITH_INFO, probe_->hook_result);
        EXPECT_FALSE(probe_->hook_saw_cancel);
        EXPECT_TRUE(probe_->hook_saw_running);
        EXPECT_TRUE(pthread_equal(probe_->hook_thread, probe_->body_thread));
        EXPECT_FALSE(pthread_equal(probe_->hook_thread, pthread_self()));
    }
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, result);
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->hook_calls) << "collecting does not run the hook again";
}

TEST_F(AsyncCall, WithoutAnAfterRunHookTheCallStillFinishesAndIsCollected)
{
    odbc_async_reset(call_.get());
    ASSERT_EQ(0, odbc_async_init(call_.get(), nullptr, nullptr));
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_FALSE(odbc_async_mark_canceled(call_.get(), kProbeFunction));
    EXPECT_TRUE(odbc_async_mark_canceled(call_.get(), 0));
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_NEED_DATA, result);
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(0, probe_->hook_calls);
}

TEST_F(AsyncCall, MarkCanceledIsSeenByTheAfterRunHook)
{
    probe_->result = SQL_ERROR;
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_TRUE(odbc_async_mark_canceled(call_.get(), 0));
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    {
        std::lock_guard<std::mutex> lock(probe_->mutex);
        EXPECT_EQ(1, probe_->hook_calls);
        EXPECT_EQ(SQL_ERROR, probe_->hook_result);
        EXPECT_TRUE(probe_->hook_saw_cancel);
    }
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_ERROR, result);
}

TEST_F(AsyncCall, MarkCanceledExceptingTheRunningFunctionMarksNothing)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_FALSE(odbc_async_mark_canceled(call_.get(), kProbeFunction));
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->hook_calls);
    EXPECT_FALSE(probe_->hook_saw_cancel);
}

TEST_F(AsyncCall, MarkCanceledExceptingAnotherFunctionMarksTheRunningCall)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_TRUE(odbc_async_mark_canceled(call_.get(), kOtherFunction));
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_TRUE(probe_->hook_saw_cancel);
}

TEST_F(AsyncCall, MarkCanceledMarksNothingWhenNoCallRunsAndNeverCarriesToTheNextCall)
{
    EXPECT_FALSE(odbc_async_mark_canceled(call_.get(), 0)) << "idle";
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    EXPECT_TRUE(odbc_async_mark_canceled(call_.get(), 0));
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    EXPECT_FALSE(odbc_async_mark_canceled(call_.get(), 0)) << "finished, not collected";
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_NEED_DATA, result);
    EXPECT_FALSE(odbc_async_mark_canceled(call_.get(), 0)) << "collected";

    EXPECT_EQ(SQL_STILL_EXECUTING, ProbeFunction(probe_.get(), 1, 2));
    ASSERT_TRUE(WaitUntilFinished(call_.get()));
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(2, probe_->hook_calls);
    EXPECT_FALSE(probe_->hook_saw_cancel) << "the first call's mark reached the second";
}

TEST_F(AsyncCall, TurningItOffWhileACallRunsStillLetsTheFinishedCallBeCollected)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    odbc_async_set_enabled(call_.get(), false);
    EXPECT_FALSE(odbc_async_is_enabled(call_.get()));
    EXPECT_EQ(SQL_STILL_EXECUTING, ProbeFunction(probe_.get(), 0, 0));
    SQLRETURN result = kUntouched;
    EXPECT_TRUE(Poll(kOtherFunction, &result));
    EXPECT_EQ(SQL_ERROR, result);

    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    EXPECT_TRUE(Poll(kProbeFunction, &result));
    EXPECT_EQ(SQL_NEED_DATA, result);
    // Collected, idle and off: the next call is synchronous.
    EXPECT_FALSE(Poll(kProbeFunction, &result));
    EXPECT_EQ(kUntouched, result);
    EXPECT_EQ(1, probe_->entry_calls.load());
}

// Resets in a thread of its own and notes what the background call had done
// by the time the reset returned.
class Resetter {
public:
    Resetter(odbc_async_call *call, Probe *probe)
        : thread_([this, call, probe] {
              odbc_async_reset(call);
              std::lock_guard<std::mutex> lock(probe->mutex);
              body_was_finished_ = probe->is_body_finished;
              hook_calls_ = probe->hook_calls;
              has_returned_.Open();
          })
    {
    }
    ~Resetter()
    {
        if (thread_.joinable())
            thread_.join();
    }
    bool HasReturned() { return has_returned_.IsOpen(); }
    bool WaitReturned() { return has_returned_.Wait(); }
    void Join() { thread_.join(); }
    bool body_was_finished_ = false;
    int hook_calls_ = -1;

private:
    Latch has_returned_;
    std::thread thread_;
};

TEST_F(AsyncCall, ResetWhileACallRunsWaitsForItToFinish)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    ForgetCall();
    {
        Resetter resetter(call_.get(), probe_.get());
        // Give a reset that does not wait the chance to return early; a
        // correct one passes however long this takes.
        std::this_thread::sleep_for(milliseconds(100));
        EXPECT_FALSE(resetter.HasReturned()) << "reset returned while the call still ran";
        probe_->release_body.Open();
        ASSERT_TRUE(resetter.WaitReturned());
        resetter.Join();
        EXPECT_TRUE(resetter.body_was_finished_);
        EXPECT_EQ(1, resetter.hook_calls_) << "reset returned before the thread had finished";
    }
    // Freed now: under ASan a thread still using it would be reported.
    call_.reset();
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->body_runs);
}

TEST_F(AsyncCall, ResetOfAFinishedUncollectedCallJoinsItsThread)
{
    ASSERT_NO_FATAL_FAILURE(StartProbeCall());
    ASSERT_NO_FATAL_FAILURE(FinishProbeCall());
    ForgetCall();
    odbc_async_reset(call_.get());
    call_.reset();
    std::lock_guard<std::mutex> lock(probe_->mutex);
    EXPECT_EQ(1, probe_->hook_calls);
}

// A reset that reaches the call between the thread's start and the entry's
// own offer (the first thing a driver entry point does) must still let that
// offer be declined, so the body runs in the thread the reset waits for.
// (odbc_async_reset once marked the call idle before joining the thread:
// that thread's offer then started a second thread which nobody joined and
// which used the call after it was freed; the body never ran.)
TEST_F(AsyncCall, ResetBeforeTheBackgroundThreadReentersStillDeclinesItsReentry)
{
    probe_->hold_entry_before_reentry = true;
    probe_->release_body.Open();
    odbc_async_set_enabled(call_.get(), true);
    ASSERT_EQ(SQL_STILL_EXECUTING, ProbeFunction(probe_.get(), 11, 22));
    ASSERT_TRUE(probe_->entry_started.Wait());
    ForgetCall();
    {
        Resetter resetter(call_.get(), probe_.get());
        // The reset cannot finish while the entry is held; let it get as far
        // as it goes without the thread (the mutex lives until the join).
        auto deadline = std::chrono::steady_clock::now() + milliseconds(200);
        while (odbc_async_is_running(call_.get()) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(milliseconds(1));
        probe_->release_entry.Open();
        ASSERT_TRUE(resetter.WaitReturned());
        resetter.Join();
        EXPECT_TRUE(resetter.body_was_finished_);
        EXPECT_EQ(1, resetter.hook_calls_);
    }
    {
        std::lock_guard<std::mutex> lock(probe_->mutex);
        EXPECT_EQ(1, probe_->body_runs);
        EXPECT_EQ((std::vector<SQLRETURN>{SQL_NEED_DATA}), probe_->entry_results);
    }
    if (HasFailure()) {
        // A second thread may still use both: keep them rather than crash.
        (void)call_.release();
        (void)probe_.release();
        return;
    }
    call_.reset();
}

} // namespace
