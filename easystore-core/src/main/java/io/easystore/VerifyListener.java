package io.easystore;

/**
 * Progress of {@link DesReader#verify(VerifyListener)}, in entries. The pass calls it on its own
 * thread, in order: {@link #total} once before the first entry, then {@link #checked} after each
 * entry with the count so far, which never goes down. A damaged index may hold more entries than
 * its total announced; a listener that draws a bar should raise its maximum rather than overflow.
 */
@FunctionalInterface
public interface VerifyListener {
  VerifyListener NONE = done -> {};

  /** The number of entries the index records, which the pass will check. */
  default void total(long entries) {}

  /** Entries checked so far (1, 2, ... up to the total). */
  void checked(long entries);
}
