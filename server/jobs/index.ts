export {
  createJobRunner,
  type JobProcessor,
  type JobRunner,
  type JobRunnerDeps,
} from './runner.js';
export { jobId } from './ids.js';
