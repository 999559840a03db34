/** The toolkit's one ForkJoinPool and the block-parallel loop every kernel uses. */
package org.myelin.core.parallel;
