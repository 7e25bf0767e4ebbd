/**
 * The inbox's script-tag build (`dist/cdn/customer-hub-inbox.js`): defines
 * `<customer-hub-inbox>`. Its chunks are never loaded by the shopper's widget.
 */
import '../inbox.js';
