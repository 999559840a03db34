/** Integration of samples and batches: Harmony on an embedding. */
package org.myelin.core.integrate;
