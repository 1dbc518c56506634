/**
 * Column types as storage sees them ({@link io.dolly.storage.record.ColumnKind}, {@link
 * io.dolly.storage.record.ColumnSpec}), collations, memcmp-sortable index keys ({@link
 * io.dolly.storage.record.KeyEncoder}) and the row format of clustered-index records ({@link
 * io.dolly.storage.record.RowFormat}). Nothing here touches pages: the B-tree stores the bytes.
 */
package io.dolly.storage.record;
