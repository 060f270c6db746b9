@echo off
rem Sets PY to the newest of Python 3.12 and 3.11 through the py launcher (the versions the wheelhouse holds).
for %%v in (3.12 3.11) do (
    py -%%v -c "" >nul 2>nul && (set "PY=py -%%v" & exit /b 0)
)
echo 未找到 Python 3.11 或 3.12：请从 python.org 安装（安装时勾选 py launcher），然后重新双击。
exit /b 1
