#pragma once
/// The format of an input. io::detect_format recognises it by content (io::Format is this type),
/// the pipeline gives it to the readers, which record it in NmrMeta::format / MsRunInfo::format,
/// and report::InputRecord carries it to the reports. Only report/ turns it into the contract
/// strings ("bruker-fid", "jcamp-dx", "mzml", ...: report::format_name).

namespace sidepeak {

enum class DataFormat {
    unknown,
    bruker_fid,   ///< Bruker experiment folder with fid + acqus
    bruker_1r,    ///< Bruker processed data folder (pdata/N with 1r + procs) without a usable fid
    jcamp_dx,
    varian,       ///< Varian/Agilent VNMR folder with fid + procpar
    jeol,         ///< JEOL Delta .jdf
    nmrml,
    mzml,
    mzxml,
    mzmlb,
    andi_netcdf,
    /// Not a file format: a sample-sheet row that could not become a sample, listed with the
    /// sample's inputs. Never detected, never read.
    sample_sheet,
};

}  // namespace sidepeak
