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

// A clock that each item moves on by its cost (ms): the turns inBudget makes are known.
function costlyItems(costs) {
  const clock = {now: 0};
  const done = [];
  const work = (index) => {
    clock.now += costs[index];
    done.push(index);
  };
  return {clock, done, work, items: costs.map((_, index) => index)};
}

test("inBudget: as many items per turn as the budget allows, the first of a turn always", () => {
  const {clock, done, work, items} = costlyItems([30, 5, 5, 5, 5, 20, 5]);
  const turns = queue();
  const perTurn = [];
  const step = core.inBudget(items, work, () => clock.now, 12);
  const watched = (inner) => () => {
    const before = done.length;
    const more = inner();
    perTurn.push(done.slice(before));
    return more && more.map(watched);
  };
  core.inTurns([watched(step)], turns.schedule, () => perTurn.push("done"));
  turns.run();
  // 30 ms: over budget alone; 5+5+5 reaches 12 on the third; 5+20; the last.
  assert.deepEqual(perTurn, [[0], [1, 2, 3], [4, 5], [6], "done"]);
  assert.deepEqual(done, items);
});

test("inBudget: every item in one turn when the budget is large; none to do is one turn", () => {
  const {clock, done, work, items} = costlyItems([1, 1, 1]);
  assert.equal(core.inBudget(items, work, () => clock.now, 100)(), undefined);
  assert.deepEqual(done, [0, 1, 2]);
  assert.equal(core.inBudget([], work, () => clock.now, 100)(), undefined);
  assert.deepEqual(done, [0, 1, 2]);
});
