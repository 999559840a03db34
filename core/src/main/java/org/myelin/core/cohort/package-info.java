/**
 * The cohort question: per-sample features of each patient's cells and their association with
 * response (Mann–Whitney with AUC, logistic regression) and survival.
 */
package org.myelin.core.cohort;
