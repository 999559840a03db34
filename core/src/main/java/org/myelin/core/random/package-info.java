/** Random number generators reproduced bit for bit from the tools whose results myelin matches. */
package org.myelin.core.random;
