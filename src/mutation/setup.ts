// A mutation run asks only whether a test fails: a failing property stops at its first
// counterexample instead of shrinking it.
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
