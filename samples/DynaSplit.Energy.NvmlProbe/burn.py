# Keeps GPU 0 busy with matrix multiplications until killed (needs PyTorch with CUDA).
import torch
a = torch.randn(8192, 8192, device="cuda", dtype=torch.float16)
b = torch.randn(8192, 8192, device="cuda", dtype=torch.float16)
while True:
    for _ in range(50):
        c = a @ b
    torch.cuda.synchronize()
