"""Messages of the master's save path: one writer at a time, backups, temporary files, the
JSON report and the output folders (docs/master-workbook.md, "Saving").

``{reason:vi}`` and ``{reason:en}`` are one parameter, the reason the operating system gave
(``ocop_xl.workbook.atomic.OsReason``), written in each language's words; the ``OS_*``
codes below are those words.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # one writer at a time
    "MASTER_WAITING": (
        "Đang chờ một thao tác khác trên tệp {file} xong (tối đa {seconds} giây)…",
        "Waiting for another action on {file} to finish (up to {seconds} s)…",
    ),
    "MASTER_BUSY": (
        "Tệp {file} đang được một thao tác ocop-xl khác ghi (đã chờ {seconds} giây). "
        "Tệp chưa bị thay đổi; hãy chờ thao tác đó xong rồi chạy lại.",
        "{file} is being written by another ocop-xl action (waited {seconds} s). "
        "The file is unchanged; wait for that action to finish and run again.",
    ),
    "MASTER_LOCK_FAILED": (
        "Không tạo được tệp khóa {path} cạnh tệp {file} ({reason:vi}). "
        "Tệp tổng hợp chưa bị thay đổi.",
        "Could not create the lock file {path} beside {file} ({reason:en}). "
        "The master is unchanged.",
    ),
    "MASTER_CHANGED": (
        "Tệp {file} đã bị chương trình khác thay đổi (hoặc xóa) trong lúc ocop-xl làm việc "
        "với nó. Để không ghi đè thay đổi đó, kết quả lần này không được lưu; tệp giữ nguyên "
        "như hiện có. Hãy chạy lại.",
        "{file} was changed (or removed) by another program while ocop-xl was working on it. "
        "Not to overwrite that change, this result was not saved; the file stays as it is. "
        "Run again.",
    ),
    "MASTER_FOLDER_READ_ONLY": (
        "Thư mục {folder} chứa tệp {file} chỉ cho phép đọc, không lưu được tệp tổng hợp ở đó. "
        "Hãy cho phép ghi vào thư mục (hoặc chép tệp sang thư mục khác) rồi chạy lại.",
        "The folder {folder} holding {file} is read-only; the master cannot be saved there. "
        "Allow writing to the folder (or copy the file elsewhere) and run again.",
    ),
    # writing the new file, the backup, the swap
    "MASTER_TEMP_FAILED": (
        "Không ghi được tệp tạm {path} ({reason:vi}). Tệp tổng hợp {file} chưa bị thay đổi.",
        "Could not write the temporary file {path} ({reason:en}). The master {file} is unchanged.",
    ),
    "BACKUP_FAILED": (
        "Không sao lưu được tệp {file} vào {path} ({reason:vi}). Tệp tổng hợp chưa bị thay "
        "đổi; kết quả lần này chưa được lưu.",
        "Could not back up {file} to {path} ({reason:en}). The master is unchanged; this "
        "result was not saved.",
    ),
    "MASTER_REPLACE_FAILED": (
        "Không thay được tệp {path} bằng bản mới ({reason:vi}). Tệp cũ vẫn giữ nguyên; kết quả "
        "lần này chưa được lưu.",
        "Could not replace {path} with the new version ({reason:en}). The old file is "
        "unchanged; this result was not saved.",
    ),
    # the JSON report (--report)
    "REPORT_TARGET_INVALID": (
        "Không ghi được báo cáo JSON vào {path} ({reason:vi}). Chưa làm gì với tệp tổng hợp; "
        "hãy chọn đường dẫn khác cho --report.",
        "Cannot write the JSON report to {path} ({reason:en}). Nothing was done to the master; "
        "choose another path for --report.",
    ),
    "REPORT_WRITE_FAILED": (
        "Không ghi được báo cáo JSON {path} ({reason:vi}), nên kết quả lần này không được lưu "
        "vào tệp tổng hợp; tệp tổng hợp vẫn như trước.",
        "Could not write the JSON report {path} ({reason:en}), so this result was not saved "
        "to the master; the master is as it was.",
    ),
    "REPORT_NOT_WRITTEN": (
        "Không ghi được báo cáo JSON {path} ({reason:vi}). Việc đã làm vẫn được giữ.",
        "Could not write the JSON report {path} ({reason:en}). The work done is kept.",
    ),
    "REPORT_NOT_MOVED": (
        "Tệp tổng hợp đã được lưu nhưng không đặt được báo cáo JSON vào {path} ({reason:vi}); "
        "báo cáo nằm ở {temp}.",
        "The master was saved but the JSON report could not be put at {path} ({reason:en}); "
        "the report is at {temp}.",
    ),
    # output folders (--out, and the folders beside the master)
    "OUTPUT_FOLDER_FAILED": (
        "Không ghi được vào thư mục kết quả {path} ({reason:vi}). Chưa làm gì với tệp tổng "
        "hợp; hãy chọn thư mục khác.",
        "Cannot write to the output folder {path} ({reason:en}). Nothing was done to the "
        "master; choose another folder.",
    ),
    "FILE_ACCESS_FAILED": (
        "Không đọc hoặc ghi được {path} ({reason:vi}); thao tác đã dừng, kết quả chưa được "
        "lưu vào tệp tổng hợp.",
        "Could not read or write {path} ({reason:en}); the action stopped and its result was "
        "not saved to the master.",
    ),
    # the reasons, in the user's words
    "OS_DISK_FULL": ("ổ đĩa đã đầy", "the disk is full"),
    "OS_FILE_TOO_LARGE": (
        "tệp vượt quá kích thước được phép",
        "the file exceeds the size allowed",
    ),
    "OS_DENIED": ("không có quyền truy cập", "access is denied"),
    "OS_READ_ONLY": ("chỉ cho phép đọc", "read-only"),
    "OS_READ_ONLY_DISK": ("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
    "OS_NOT_A_FOLDER": (
        "trong đường dẫn có một tệp ở chỗ cần thư mục",
        "a file stands where the path needs a folder",
    ),
    "OS_IS_A_FOLDER": ("đó là một thư mục, không phải tệp", "it is a folder, not a file"),
    "OS_EXISTS": ("đã có một tệp cùng tên", "a file of that name is already there"),
    "OS_MISSING": ("không tìm thấy", "not found"),
    "OS_IN_USE": ("tệp đang được chương trình khác dùng", "the file is in use by another program"),
    "OS_OTHER": ("lỗi hệ thống: {detail}", "system error: {detail}"),
}
