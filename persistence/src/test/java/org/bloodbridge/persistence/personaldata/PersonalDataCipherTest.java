package org.bloodbridge.persistence.personaldata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bloodbridge.engine.donor.SealedText;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
    private static final DeploymentKey DEPLOYMENT = DeploymentKey.of(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void sealedTextOpensOnlyWithTheDonorsKeyForTheSameField() {
        DonorKey key = PersonalDataCipher.newKey("donor-a");
        SealedText sealed = key.seal("name", "李娜");
        assertFalse(sealed.isLegacy());
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.UTF_8).contains("李娜"));
        assertEquals("李娜", key.open("name", sealed));
        assertNotEquals(sealed, key.seal("name", "李娜"), "a fresh nonce every time");

        assertThrows(IllegalArgumentException.class, () -> key.open("phone", sealed), "bound to its field");
        DonorKey sameBytesOtherDonor = new DonorKey("donor-b", key.key());
        assertThrows(IllegalArgumentException.class, () -> sameBytesOtherDonor.open("name", sealed), "bound to its donor");
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.newKey("donor-a").open("name", sealed));
        assertEquals("Li Na", key.open("name", SealedText.legacy("Li Na")), "legacy text is as it was stored");
    }

    @Test
    void aDonorKeyIsWrappedForItsDonorWithTheDeploymentKey() {
        DonorKey key = PersonalDataCipher.newKey("donor-a");
        byte[] wrapped = PersonalDataCipher.wrap(DEPLOYMENT, key);
        assertEquals(1 + 12 + 32 + 16, wrapped.length);
        assertEquals(key, PersonalDataCipher.unwrap(DEPLOYMENT, "donor-a", wrapped));
        assertThrows(IllegalStateException.class, () -> PersonalDataCipher.unwrap(DEPLOYMENT, "donor-b", wrapped));
        DeploymentKey other = DeploymentKey.of(Base64.getEncoder().encodeToString(filled(7)));
        assertThrows(IllegalStateException.class, () -> PersonalDataCipher.unwrap(other, "donor-a", wrapped));
    }

    @Test
    void theDeploymentKeyMustBe32BytesOfBase64() {
        assertTrue(DeploymentKey.of(DeploymentKey.DEV_KEY).devDefault());
        assertFalse(DEPLOYMENT.devDefault());
        assertThrows(IllegalArgumentException.class, () -> DeploymentKey.of("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> DeploymentKey.of("not base64!"));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
