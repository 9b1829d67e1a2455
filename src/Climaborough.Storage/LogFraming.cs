namespace Climaborough.Storage;

using System.Buffers.Binary;
using System.IO.Hashing;

/// <summary>
/// How both backends frame log records: 4-byte little-endian length, 4-byte CRC-32 of the payload,
/// payload. A record whose frame is incomplete or whose CRC does not match ends the log: it is the
/// torn tail of a write that never completed, so it was never acknowledged.
/// </summary>
public static class LogFraming
{
    /// <summary>Bytes before each payload.</summary>
    public const int HeaderSize = 8;

    /// <summary>Largest record accepted.</summary>
    public const int MaxRecordSize = 4 * 1024 * 1024 - HeaderSize;

    /// <summary>The frames of all records, concatenated.</summary>
    public static byte[] Frame(IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        var total = 0;
        foreach (var r in records)
        {
            if (r.Length > MaxRecordSize)
            {
                throw new ArgumentException($"A log record is at most {MaxRecordSize} bytes.", nameof(records));
            }

            total += HeaderSize + r.Length;
        }

        var buffer = new byte[total];
        var offset = 0;
        foreach (var r in records)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset), r.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset + 4), Crc32.HashToUInt32(r.Span));
            r.Span.CopyTo(buffer.AsSpan(offset + HeaderSize));
            offset += HeaderSize + r.Length;
        }

        return buffer;
    }

    /// <summary>The complete records of <paramref name="data"/> and the length of the valid prefix.</summary>
    public static (List<byte[]> Records, long ValidLength) Parse(ReadOnlySpan<byte> data)
    {
        var records = new List<byte[]>();
        var offset = 0;
        while (data.Length - offset >= HeaderSize)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
            if (length < 0 || length > MaxRecordSize || data.Length - offset - HeaderSize < length)
            {
                break;
            }

            var crc = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
            var payload = data.Slice(offset + HeaderSize, length);
            if (Crc32.HashToUInt32(payload) != crc)
            {
                break;
            }

            records.Add(payload.ToArray());
            offset += HeaderSize + length;
        }

        return (records, offset);
    }
}
