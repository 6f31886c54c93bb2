// The task queue of one shim DMA channel (program.proto, v2 controller): the tasks the
// controller pushed that the channel has not started yet, at most `capacity` of them, and the
// tokens the channel issued that the controller has not awaited yet, each with the time it
// becomes visible to the controller (its issue plus the token latency).
//
// Contract: the controller pushes only when !full() (else it waits on popped_event); the channel
// pops only when !empty() (else it waits on pushed_event). A task leaves the queue when the
// channel starts it, so a running task holds no slot (an assumption, program.proto). Events are
// notified immediately: the waiter is already waiting, as with LockUnit.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include <systemc>

#include "sim/base/error.h"

namespace aie2sim::model {

struct Op;

struct Task {
  const Op* op = nullptr;  // the channel's transfer
  uint64_t repeat = 1;
  bool issue_token = false;
};

class TaskQueue {
 public:
  TaskQueue(std::string channel_name, uint32_t capacity)
      : channel_name_(std::move(channel_name)), capacity_(capacity) {}

  const std::string& channel_name() const { return channel_name_; }
  uint32_t capacity() const { return capacity_; }
  bool full() const { return tasks_.size() >= capacity_; }
  bool empty() const { return tasks_.empty(); }
  size_t pending() const { return tasks_.size(); }

  void Push(const Task& task) {
    AIE2SIM_CHECK(!full(), channel_name_ + ": push to a full task queue");
    tasks_.push_back(task);
    pushed_.notify();
  }
  Task Pop() {
    AIE2SIM_CHECK(!empty(), channel_name_ + ": pop from an empty task queue");
    const Task task = tasks_.front();
    tasks_.pop_front();
    popped_.notify();
    return task;
  }
  void IssueToken(sc_core::sc_time visible_at) {
    tokens_.push_back(visible_at);
    token_.notify();
  }
  // Takes the oldest token, if any, and says when it becomes visible to the controller.
  bool TakeToken(sc_core::sc_time* visible_at) {
    if (tokens_.empty()) return false;
    *visible_at = tokens_.front();
    tokens_.pop_front();
    return true;
  }

  const sc_core::sc_event& pushed_event() const { return pushed_; }
  const sc_core::sc_event& popped_event() const { return popped_; }
  const sc_core::sc_event& token_event() const { return token_; }

 private:
  std::string channel_name_;
  uint32_t capacity_;
  std::deque<Task> tasks_;
  std::deque<sc_core::sc_time> tokens_;  // when each becomes visible, in issue order
  sc_core::sc_event pushed_;
  sc_core::sc_event popped_;
  sc_core::sc_event token_;
};

}  // namespace aie2sim::model
