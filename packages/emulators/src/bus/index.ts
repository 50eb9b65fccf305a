export {
  type BusEntry,
  type BusEvent,
  type DeadLetter,
  LocalBus,
  type LocalBusOptions,
} from './local-bus.ts';
