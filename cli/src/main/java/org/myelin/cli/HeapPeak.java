package org.myelin.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use at once while a command runs. Heap in use only grows between collections, so
 * its peaks are the moments just before one: each collection reports the heap it found, and the
 * largest of those (or the heap in use now, if larger) is the peak. Summing each pool's own peak
 * instead overstates it (the young pools peak while the old one is small, and the other way round):
 * on a million cells under a 12 GB heap that sum said 16.4 GB. One watch per process, from the first
 * command's start: a command line runs one command.
 */
final class HeapPeak {

  private static HeapPeak watching;

  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong peak = new AtomicLong();
  private final NotificationListener listener = (notification, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      Map<String, MemoryUsage> before = GarbageCollectionNotificationInfo
          .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageBeforeGc();
      peak.accumulateAndGet(heapUsed(before), Math::max);
    }
  };

  /** Starts watching the collector, unless it is watched already. */
  static synchronized void watch() {
    if (watching == null) {
      watching = new HeapPeak();
    }
  }

  /** The peak since {@link #watch} was first called (the heap in use now if it never was), in bytes. */
  static synchronized long bytes() {
    return watching != null ? watching.peak() : inUse();
  }

  private HeapPeak() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }

  private long heapUsed(Map<String, MemoryUsage> pools) {
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        sum += e.getValue().getUsed();
      }
    }
    return sum;
  }

  private long peak() {
    return Math.max(peak.get(), inUse());
  }

  private static long inUse() {
    long now = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        now += pool.getUsage().getUsed();
      }
    }
    return now;
  }
}
