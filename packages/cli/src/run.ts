import { main } from './main.ts';

// The executable's entry: run the program and leave the exit code to Node, which exits once the event
// loop is empty (so buffered output is flushed).
process.exitCode = await main(process.argv);
