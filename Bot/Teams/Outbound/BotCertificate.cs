using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>
/// Loads the app registration's certificate for the outbound token (client assertion instead of a client secret):
/// a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, optionally password-protected) or a PEM file holding the certificate and
/// its private key (encrypted with the password when one is given). The private key must be there.
/// </summary>
public static class BotCertificate
{
    private static readonly string[] PemExtensions = [".pem", ".crt", ".cer"];

    /// <summary>Loads the certificate, or throws <see cref="InvalidOperationException"/> saying why it cannot be used.</summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the file '{path}' does not exist");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = PemExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
                ? string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"'{path}' could not be read as a certificate with its private key ({ex.Message.TrimEnd('.')}); check Teams:CertificatePassword", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"'{path}' holds no private key");
        }

        return certificate;
    }
}
