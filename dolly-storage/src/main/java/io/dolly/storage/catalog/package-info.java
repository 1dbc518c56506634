/**
 * Tables on top of the engine's B-trees, and the persistent data dictionary that names them ({@link
 * io.dolly.storage.catalog.Dictionary}, {@link io.dolly.storage.catalog.Table}).
 *
 * <p>Values in rows, keys and bounds are the Java objects {@link io.dolly.storage.record.RowFormat}
 * and {@link io.dolly.storage.record.KeyEncoder} take, null for SQL NULL:
 *
 * <pre>
 * TINYINT SMALLINT MEDIUMINT INT BIGINT   Long (BIGINT UNSIGNED above Long.MAX_VALUE: the same
 *                                         64 bits as a negative Long)
 * YEAR                                    Long (0 or 1901..2155)
 * DECIMAL                                 BigDecimal
 * FLOAT / DOUBLE                          Float / Double
 * CHAR VARCHAR TEXT                       String
 * BINARY VARBINARY BLOB                   byte[]
 * DATE                                    LocalDate
 * TIME                                    Duration
 * DATETIME                                LocalDateTime
 * TIMESTAMP                               Instant
 * </pre>
 *
 * <p>Reads: {@link io.dolly.storage.catalog.ReadMode#CONSISTENT} is READ COMMITTED (waits for a
 * writer of the row, keeps no lock); SHARED and EXCLUSIVE lock every row (and secondary entry) they
 * return until the transaction ends. No gap locks: phantoms are possible.
 */
package io.dolly.storage.catalog;
