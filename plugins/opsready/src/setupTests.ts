import '@testing-library/jest-dom';

// jsdom has no ResizeObserver, which the charts' ResponsiveContainer needs;
// every browser the app supports has one.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;
