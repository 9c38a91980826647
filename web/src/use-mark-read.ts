import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { MARK_PROJECT_READ_MUTATION } from './read-mark-operations';

export interface MarkRead {
  /** The unread count the fiche had when opened (what was new to the viewer), null before it is read or for callers without read marks. */
  unreadAtOpen: number | null;
  /** Marks the journal read again (a new activity shown live on the open fiche). */
  markRead: () => void;
}

/**
 * Opening a fiche marks its journal read (`markProjectRead`), once its first read gave its
 * unread count; activity shown live while it stays open is marked read too.
 */
export function useMarkRead(projectId: string, unreadCount: number | null | undefined): MarkRead {
  const [, mark] = useMutation(MARK_PROJECT_READ_MUTATION);
  const [unreadAtOpen, setUnreadAtOpen] = useState<number | null>(null);
  const opened = useRef(false);
  const tracked = unreadCount !== undefined && unreadCount !== null;

  useEffect(() => {
    if (opened.current || !tracked) return;
    opened.current = true;
    setUnreadAtOpen(unreadCount);
    void mark({ projectId });
  }, [mark, projectId, tracked, unreadCount]);

  const markRead = useCallback(() => {
    if (opened.current) void mark({ projectId });
  }, [mark, projectId]);
  return { unreadAtOpen, markRead };
}
