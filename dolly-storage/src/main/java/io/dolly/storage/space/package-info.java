/**
 * Tablespace files: the space header (page 0), extents, the free-page list, and the registry of
 * space ids to files.
 */
package io.dolly.storage.space;
