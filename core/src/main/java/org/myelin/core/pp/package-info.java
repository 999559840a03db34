/**
 * Preprocessing as scanpy's {@code sc.pp}: QC metrics, filtering, normalize_total and log1p. Every
 * step works block by block on X in place or into per-block slots, so results do not depend on the
 * thread count.
 */
package org.myelin.core.pp;
