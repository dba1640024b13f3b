# An inline user policy (Security Hub KMS.2): kms:ReEncrypt* covers kms:ReEncryptFrom, on every
# key.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "backup" {
  name = "backup-agent"
}

resource "aws_iam_user_policy" "backup_reencrypt" {
  name = "backup-reencrypt"
  user = aws_iam_user.backup.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:ReEncrypt*", "kms:GenerateDataKey*"]
        Resource = "*"
      },
    ]
  })
}
