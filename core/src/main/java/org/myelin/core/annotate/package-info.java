/**
 * Cell-type annotation from marker genes: each cell and each cluster gets the type whose markers
 * it expresses most, with the margin over the next type as its confidence.
 */
package org.myelin.core.annotate;
