package io.steadfast.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import io.steadfast.logging.Secrets;
import java.nio.charset.StandardCharsets;

/**
 * A Logback encoder that masks credentials ({@link Secrets#mask}) in what another encoder writes,
 * whatever the level and whichever library logged it: the message, its arguments and any stack
 * trace alike. The wrapped encoder must write UTF-8.
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;

    /** The encoder whose output is masked (set by the configuration's nested {@code <encoder>}). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("MaskingEncoder must wrap an <encoder>, but has none");
            return;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] bytes = encoder.encode(event);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String masked = Secrets.mask(text);
        return masked.equals(text) ? bytes : masked.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }
}
