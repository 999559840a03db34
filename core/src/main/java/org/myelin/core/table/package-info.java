/**
 * Columnar tables for obs and var: a {@link org.myelin.core.table.Frame} of named, typed columns
 * (float64, integer, boolean, string, categorical with its category order) over a string index.
 */
package org.myelin.core.table;
