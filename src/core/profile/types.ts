/**
 * Profile types (SPEC §2.1), in one place for their importers. `Profile` derives from the schema
 * (schema.ts), and so do the names of its words below; Gender, Dealbreaker and BudgetBand are
 * spelled out in vocab.ts, whose word lists the schema is built from.
 */
import type { Profile } from './schema';

export type { Profile };
export type { BudgetBand, Dealbreaker, Gender } from './vocab';
export type { Problem, ProblemCode } from './problems';

export type Pace = Profile['travel_prefs']['pace'];
export type SplitRule = Profile['budget']['split_rule'];
export type Smoking = Profile['comfort']['smoking'];
export type Alcohol = Profile['comfort']['alcohol'];
export type Level = Profile['comfort']['risk_tolerance'];
export type Chronotype = Profile['comfort']['chronotype'];
export type Wifi = Profile['work']['wifi_quality_needed'];
export type FaithPolicy = Profile['faith']['policy'];
