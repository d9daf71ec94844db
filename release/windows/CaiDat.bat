@echo off
rem ocop_xl installer: runs cai_dat.py with the Python of this bundle (python\), or with
rem a Python 3.11-3.13 already on this PC. No internet, no administrator rights.
setlocal
chcp 65001 >nul
set "PYTHONUTF8=1"
set "HERE=%~dp0"
set "PY=%HERE%python\python.exe"
if exist "%PY%" goto run
set "PY="
for %%V in (3.13 3.12 3.11) do (
    if not defined PY (
        py -%%V -c "import sys" >nul 2>&1 && set "PY=py -%%V"
    )
)
if defined PY goto run_launcher
echo Không tìm thấy Python 3.11-3.13 trên máy này và bộ cài không kèm Python.
echo Xem chương 1 của tệp HuongDan.pdf.
pause
exit /b 1
:run_launcher
%PY% "%HERE%cai_dat.py" %*
goto done
:run
"%PY%" "%HERE%cai_dat.py" %*
:done
set "CODE=%ERRORLEVEL%"
if not defined OCOP_NO_PAUSE pause
exit /b %CODE%
