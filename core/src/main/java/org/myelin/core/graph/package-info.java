/** Cell graphs: nearest neighbours on an embedding and the weighted graphs built on them. */
package org.myelin.core.graph;
