/**
 * The recipient's file handling: where a donor's files may go ({@link
 * io.dolly.clone.recipient.TargetDirectory}) and the DATA DIRECTORY checks ({@link
 * io.dolly.clone.recipient.DataDirectoryCheck}).
 */
package io.dolly.clone.recipient;
