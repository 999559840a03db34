/**
 * Survival analysis as R's survival package does it: Kaplan–Meier curves, the log-rank test and
 * Cox proportional hazards regression with Efron's ties.
 */
package org.myelin.core.survival;
