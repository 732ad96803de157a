using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace CmBot.Bot.Storage;

/// <summary>
/// A busy handler for connections on the acknowledgement path (the Slack inbox): a writer that meets another one
/// retries about every millisecond, so it goes on at most a millisecond after the lock is released.
/// </summary>
/// <remarks>
/// SQLite's own handler (installed by <c>PRAGMA busy_timeout</c>) sleeps 1, 2, 5, 10, 15, 20, 25… ms between
/// attempts. A lock held 4 ms thus costs the waiter 8 ms, one held 9 ms costs 18 ms, 19 ms costs 33 ms: measured on
/// 2026-11-27, Quartz's trigger transactions turned into 18–55 ms pauses of Slack acknowledgements this way (see
/// <c>Tests/Benchmarks/slack-ack/README.md</c>). Microsoft.Data.Sqlite does not expose <c>sqlite3_busy_handler</c>,
/// so it is called on the bundled SQLite library directly; if that library cannot be reached, the connection keeps
/// the <c>busy_timeout</c> set before and <see cref="TryInstall"/> says so.
/// </remarks>
public static class SqliteBusyWait
{
    /// <summary>After this long (counted in retries of at least a millisecond) the statement fails with SQLITE_BUSY.</summary>
    public const int MaxWaitMilliseconds = 10_000;

    /// <summary>Retries before the first sleep: a lock is often released within microseconds.</summary>
    private const int Yields = 3;

    // Held for the life of the process: native code keeps a pointer to it.
    private static readonly NativeMethods.BusyCallback Callback = OnBusy;

    /// <summary>Installs the handler on an open connection; false when SQLite's library could not be called.</summary>
    public static bool TryInstall(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Handle is not { IsInvalid: false } handle)
        {
            throw new InvalidOperationException("The SQLite connection must be open.");
        }

        // Only on the very library the connection lives in: a handle passed to another copy of SQLite would corrupt it.
        if (!string.Equals(SQLitePCL.raw.GetNativeLibraryName(), NativeMethods.Library, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return NativeMethods.sqlite3_busy_handler(handle.DangerousGetHandle(), Callback, IntPtr.Zero) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>SQLite's question after the <paramref name="count"/>-th busy attempt: 1 to try again, 0 to give up.</summary>
    internal static int OnBusy(IntPtr state, int count)
    {
        if (count < Yields)
        {
            Thread.Yield();
            return 1;
        }

        if (count - Yields >= MaxWaitMilliseconds)
        {
            return 0;
        }

        Thread.Sleep(1);
        return 1;
    }

    private static class NativeMethods
    {
        internal const string Library = "e_sqlite3";

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate int BusyCallback(IntPtr state, int count);

        // The SQLite library Microsoft.Data.Sqlite ships (SQLitePCLRaw's bundle_e_sqlite3).
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sqlite3_busy_handler(IntPtr db, BusyCallback callback, IntPtr state);
    }
}
