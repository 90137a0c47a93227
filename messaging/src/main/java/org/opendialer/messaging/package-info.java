/** SMS and email transports (SMPP ESME, SMTP out, SMTP in for replies); campaign logic lives in {@code campaign}. */
package org.opendialer.messaging;
