export { type CapturedEvent, captureEvents, gitHubPushBody } from './capture-events.ts';
export { testContext, testKit } from './test-kit.ts';
