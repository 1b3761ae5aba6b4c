/** The shipped presets' names, for a library user who picks one. */
import { allPresets } from '../config/presets.ts';

export const presetNames: readonly string[] = allPresets.map((p) => p.name);
