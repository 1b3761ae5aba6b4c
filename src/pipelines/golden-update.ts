/**
 * Writes golden.json: for every Kafka preset, the digest of its seeded walks, and each
 * counterexample `check` finds at the default seed with the digest of its replay. Run it when a
 * change to the model or the properties is meant to change what they do, and say why in the
 * commit: `npx tsx src/pipelines/golden-update.ts && npm run format`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { presets } from '../config/presets.ts';
import { scheduleDigest, walkDigest } from './golden.ts';
import { checkNamedPreset } from './verdicts.ts';

const golden = presets
  .filter((p) => p.model !== 'canonical')
  .map((preset) => {
    const walks = walkDigest(preset.name);
    const counterexamples = checkNamedPreset(preset.name, {}, { lengths: true }).counterexamples.map((c) => {
      const schedule = { property: c.property, healFrom: c.trace.healFrom, actions: c.trace.actions };
      return { ...schedule, ...scheduleDigest(preset.name, schedule) };
    });
    process.stderr.write(`${preset.name}: ${counterexamples.length} counterexamples\n`);
    return { name: preset.name, walks, counterexamples };
  });
writeFileSync(join(import.meta.dirname, 'golden.json'), `${JSON.stringify(golden, null, 1)}\n`);
