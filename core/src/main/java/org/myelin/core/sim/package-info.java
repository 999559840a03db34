/** Simulated data with known ground truth: droplet-like counts, streamed block by block. */
package org.myelin.core.sim;
