/** Deterministic resource snapshots for stories and tests (wire shapes, epoch seconds). */
import type { ResourcesUpdate } from '../../streams/agl.js';

const T0 = 1_800_000_000;

export function sampleSnapshots(): ResourcesUpdate[] {
  return [1, 2, 3].map((v) => ({
    resources_id: `rs-00000000000${v}`,
    create_time: T0 + v * 600,
    update_time: T0 + v * 600 + 30,
    version: v,
    resources: {
      main_llm: {
        resource_type: 'llm',
        endpoint: 'http://127.0.0.1:8000/v1',
        model: `Qwen2.5-1.5B-Instruct-step-${(v - 1) * 100}`,
        sampling_parameters: { temperature: 0.7, top_p: 0.95 },
      },
      system_prompt: {
        resource_type: 'prompt_template',
        template: 'You are a careful agent.\nAnswer the question: {question}\nShow your reasoning, then the answer.',
        engine: 'f-string',
      },
    },
  }));
}

