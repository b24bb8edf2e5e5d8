import '@testing-library/jest-dom';

// The views render whole MUI tables and charts and are driven by
// user-event, keystroke by keystroke; on two cores shared with the rest of
// the suite that takes longer than Jest's default 5 s.
jest.setTimeout(30_000);

// jsdom has no ResizeObserver, which the charts' ResponsiveContainer needs;
// every browser the app supports has one.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;
