/** Spatial statistics: neighbour graphs on cell coordinates, autocorrelation, neighbourhood tests, the nerve niche. */
package org.myelin.core.spatial;
