// Start-up: the steps deferred after the first paint run one per turn, in order.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

// A scheduler that keeps the turns in a queue; run() plays them one at a time.
function queue() {
  const turns = [];
  return {
    schedule: (callback) => turns.push(callback),
    turns,
    run() {
      while (turns.length) {
        turns.shift()();
      }
    },
  };
}

test("nothing runs before the first turn", () => {
  const turns = queue();
  const ran = [];
  core.inTurns([() => ran.push("a")], turns.schedule, () => ran.push("done"));
  assert.deepEqual(ran, []);
  assert.equal(turns.turns.length, 1);
});

test("each step runs in a turn of its own, in order, then done", () => {
  const turns = queue();
  const ran = [];
  core.inTurns([() => ran.push("a"), () => ran.push("b")], turns.schedule, () => ran.push("done"));
  turns.turns.shift()();
  assert.deepEqual(ran, ["a"]);
  turns.turns.shift()();
  assert.deepEqual(ran, ["a", "b"]);
  turns.run();
  assert.deepEqual(ran, ["a", "b", "done"]);
});

test("no steps: done alone, in a later turn; done may be left out", () => {
  const turns = queue();
  const ran = [];
  core.inTurns([], turns.schedule, () => ran.push("done"));
  assert.deepEqual(ran, []);
  turns.run();
  assert.deepEqual(ran, ["done"]);
  const again = queue();
  core.inTurns([() => ran.push("x")], again.schedule);
  again.run();
  assert.deepEqual(ran, ["done", "x"]);
});

test("a step that throws stops the later steps and done", () => {
  const turns = queue();
  const ran = [];
  core.inTurns([() => {
    throw new Error("broken");
  }, () => ran.push("b")], turns.schedule, () => ran.push("done"));
  assert.throws(() => turns.run(), /broken/);
  turns.run();
  assert.deepEqual(ran, []);
});

test("a step's returned steps run next, each in a turn of its own, before the later steps", () => {
  const turns = queue();
  const ran = [];
  const steps = [() => [() => ran.push("a1"), () => ran.push("a2")], () => ran.push("b")];
  core.inTurns(steps, turns.schedule, () => ran.push("done"));
  turns.turns.shift()();
  assert.deepEqual(ran, []);
  turns.turns.shift()();
  assert.deepEqual(ran, ["a1"]);
  turns.run();
  assert.deepEqual(ran, ["a1", "a2", "b", "done"]);
  assert.equal(steps.length, 2, "the caller's array is left as it was");
});
