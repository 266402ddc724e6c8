/**
 * @ringflow/flow-runtime-adapters: the Node side of ringflow. The runtime host that routes calls to
 * published flows and records them, the adapter interface every PBX adapter implements, the call
 * record sinks, and the `ringflow` command line. Adapters and the conformance kit have their own
 * subpaths: `@ringflow/flow-runtime-adapters/memory`, `@ringflow/flow-runtime-adapters/conformance`.
 *
 * @example
 * import { createJsonLinesRecordSink, createMemoryFlowSource, createRuntime } from '@ringflow/flow-runtime-adapters';
 * import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
 *
 * const store = createMemoryFlowSource();
 * store.publish(flow);
 * store.route('+33180000000', flow.id);
 * const adapter = createMemoryAdapter();
 * const runtime = createRuntime({ store, adapter, records: createJsonLinesRecordSink({ dir: 'records' }) });
 * await runtime.start();
 *
 * @packageDocumentation
 */

// The runtime host.
export { createRuntime } from './runtime/runtime.js';
export { createMemoryFlowSource } from './runtime/flow-source.js';
export { createMemoryDirectory } from './runtime/directory.js';
export { createJsonLogger, silentLogger } from './runtime/logger.js';
export { createOffsetClock, realTimeClock } from './runtime/clock.js';
export { COMMAND_FAILURES } from './runtime/command-failures.js';

// Call records.
export { CALL_RECORD_FORMAT } from './records/call-record.js';
export { createMemoryRecordSink } from './records/sink.js';
export { createJsonLinesRecordSink, dailyFileName, readCallRecords } from './records/json-lines-sink.js';

// The command line.
export { runCli } from './cli/main.js';
export { EXIT_CODES } from './cli/io.js';

// Types.
export type {
  AdapterCall,
  AdapterCommands,
  AdapterHost,
  AgentDirectoryPort,
  CallAdapter,
  CommandOf,
  EngineCommandType,
  IncomingCall,
  PlacedCall,
  ScenarioDriver,
} from './adapter/adapter.js';
export type {
  Runtime,
  RuntimeOptions,
  RuntimeState,
  ShutdownOptions,
  ShutdownReport,
} from './runtime/runtime.js';
export type { FlowSource, MemoryFlowSource, PublishedFlow } from './runtime/flow-source.js';
export type { MemoryDirectory } from './runtime/directory.js';
export type { LogEntry, LogLevel, RuntimeLogger } from './runtime/logger.js';
export type { CommandFailureAnswer } from './runtime/command-failures.js';
export type { AdapterErrorRecord, CallRecord, TerminationReason } from './records/call-record.js';
export type { MemoryRecordSink, RecordSink } from './records/sink.js';
export type {
  JsonLinesRecordSink,
  JsonLinesRecordSinkOptions,
  ReadCallRecords,
} from './records/json-lines-sink.js';
export type { CliIo, CliOutput } from './cli/io.js';
export type { CliIssue, CliIssueCode, CliReport } from './cli/report.js';
