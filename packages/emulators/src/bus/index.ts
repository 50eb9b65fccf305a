export {
  type BusEntry,
  type BusEvent,
  type DeadLetter,
  LocalBus,
  type LocalBusOptions,
} from './local-bus.ts';
export { type EventBusHandle, startEventBus } from './start-event-bus.ts';
