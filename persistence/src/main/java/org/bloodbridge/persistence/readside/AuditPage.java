package org.bloodbridge.persistence.readside;

import java.util.List;

/** A page of audit entries, newest first, and the cursor of the next page (null on the last). */
public record AuditPage(List<AuditEntry> entries, String nextCursor) {}
