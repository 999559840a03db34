/** Differential expression between groups of cells: marker genes and multiple-testing correction. */
package org.myelin.core.de;
